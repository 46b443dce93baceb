// SwiftPM links every executable with `--defsym main=<Module>_main` (so that tests can link
// executables) and expects the Swift module to define `<Module>_main`. A fuzzer built with
// -parse-as-library has no Swift entry point, and its real `main` is libFuzzer's: this shim
// supplies `ProtoWireFuzz_main` and hands control to libFuzzer's driver.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int ProtoWireFuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
