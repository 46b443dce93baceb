// The store benchmark (bench/store/run.sh) is being written.
print("relay-bench-store: not written yet")
