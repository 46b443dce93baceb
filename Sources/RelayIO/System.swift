internal import Glibc
internal import CRelayIO

/// Facts about the machine the process runs on.
public enum System {
    /// The number of CPUs this process may run on (its affinity mask), at least 1.
    public static var availableCores: Int {
        let n = relay_available_cores()
        return n > 0 ? Int(n) : 1
    }
}
