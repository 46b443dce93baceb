internal import Foundation
internal import Glibc
internal import CLibPQ

/// A private PostgreSQL cluster that Relay creates and runs itself, so that `relay serve` works
/// with no database set up: `initdb` on first use, the server on a Unix socket only (no TCP
/// port), `pg_ctl stop` on shutdown, and the same cluster again on the next start.
///
/// Layout under the data directory: `postgres/` (the cluster), `postgres.log`, and the socket
/// in `run/` (or, when that path is too long for a socket, in `/tmp/relay-pg-HASH`). The
/// cluster's superuser is `relay`, reachable only through the socket (mode 0700).
///
/// PostgreSQL refuses to run as root: a root process runs `initdb` and the server as the
/// `postgres` system user, which then owns the cluster (and, if it cannot reach the data
/// directory, the cluster lives in `/var/lib/relay/HASH` instead).
public struct EmbeddedPostgres: Sendable {
    /// The data directory the cluster lives under.
    public let dataDirectory: String
    /// Extra server settings (`-c name=value`), such as `fsync=off` for a throwaway test cluster.
    public var settings: [String: String]
    /// The socket's port number (part of the socket's file name; nothing listens on TCP).
    public var port = 5432
    /// The database Relay uses inside the cluster, created on first start.
    public var database = "relay"

    /// A cluster under `dataDirectory` (made absolute).
    public init(dataDirectory: String, settings: [String: String] = [:]) {
        let url = URL(fileURLWithPath: dataDirectory).standardizedFileURL
        self.dataDirectory = url.path
        self.settings = settings
    }

    /// Starts the cluster (creating it first if needed; reusing a server that already runs)
    /// and returns the configuration to reach ``database``.
    public func start() async throws(EmbeddedPostgresError) -> PostgresConfiguration {
        let layout = try await runBlocking { () throws(EmbeddedPostgresError) in try startServer() }
        let admin = PostgresConfiguration(connectionString: layout.connectionString(port: port, database: "postgres"))
        do {
            let connection = try await PostgresPool.connect(admin)
            let rows = try await connection.query("SELECT 1 FROM pg_database WHERE datname = \(database)")
            if rows.isEmpty {
                try await connection.runScript(unsafeSQL: "CREATE DATABASE \"\(database.replacingOccurrences(of: "\"", with: "\"\""))\"")
            }
            await connection.close()
        } catch {
            throw EmbeddedPostgresError("the embedded PostgreSQL server runs, but preparing database \(database) failed: \(error)")
        }
        return PostgresConfiguration(connectionString: layout.connectionString(port: port, database: database))
    }

    /// Whether the cluster's server is running now.
    public func isRunning() async -> Bool {
        (try? await runBlocking { () throws(EmbeddedPostgresError) in
            let layout = try Layout(dataDirectory: dataDirectory, port: port)
            guard FileManager.default.fileExists(atPath: layout.cluster + "/PG_VERSION") else { return false }
            return try layout.serverRuns(Tools.find())
        }) ?? false
    }

    /// Stops the server (fast shutdown: open sessions are ended, nothing committed is lost).
    public func stop() async throws(EmbeddedPostgresError) {
        try await runBlocking { () throws(EmbeddedPostgresError) in
            let layout = try Layout(dataDirectory: dataDirectory, port: port)
            guard FileManager.default.fileExists(atPath: layout.cluster + "/PG_VERSION") else { return }
            let tools = try Tools.find()
            guard try layout.serverRuns(tools) else { return }
            let stopped = try tools.run("pg_ctl", ["-D", layout.cluster, "-m", "fast", "-w", "-t", "60", "stop"], asPostgres: layout.asPostgres)
            guard stopped.code == 0 else { throw EmbeddedPostgresError("pg_ctl stop failed: \(stopped.output)") }
        }
    }

    private func startServer() throws(EmbeddedPostgresError) -> Layout {
        let layout = try Layout(dataDirectory: dataDirectory, port: port)
        let tools = try Tools.find()
        try layout.prepareDirectories()
        if !FileManager.default.fileExists(atPath: layout.cluster + "/PG_VERSION") {
            let created = try tools.run(
                "initdb", ["-D", layout.cluster, "-U", "relay", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-instructions"],
                asPostgres: layout.asPostgres)
            guard created.code == 0 else { throw EmbeddedPostgresError("initdb failed: \(created.output)") }
        }
        if try layout.serverRuns(tools) { return layout }
        var options = "-c listen_addresses='' -k '\(layout.socketDirectory)' -p \(port) -c unix_socket_permissions=0700"
        for (name, value) in settings.sorted(by: { $0.key < $1.key }) {
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }), !value.contains("'") else {
                throw EmbeddedPostgresError("invalid server setting \(name)")
            }
            options += " -c \(name)='\(value)'"
        }
        let started = try tools.run(
            "pg_ctl", ["-D", layout.cluster, "-l", layout.logFile, "-w", "-t", "120", "-o", options, "start"], asPostgres: layout.asPostgres)
        guard started.code == 0 else {
            let log = (try? String(contentsOfFile: layout.logFile, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
            throw EmbeddedPostgresError("pg_ctl start failed: \(started.output)\n\(log)")
        }
        return layout
    }

    /// Runs blocking work (processes, file system) on a thread of its own, never on an event
    /// loop or Swift's shared pool.
    private func runBlocking<T: Sendable>(_ work: @escaping @Sendable () throws(EmbeddedPostgresError) -> T) async throws(EmbeddedPostgresError) -> T {
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, EmbeddedPostgresError>, Never>) in
            Thread.detachNewThread {
                do throws(EmbeddedPostgresError) {
                    continuation.resume(returning: .success(try work()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try outcome.get()
    }
}

/// Why the embedded cluster could not be created, started or stopped.
public struct EmbeddedPostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with the tool's output.
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Where the cluster's files and socket go, and who runs the server.
private struct Layout {
    let cluster: String
    let logFile: String
    let socketDirectory: String
    let asPostgres: Bool

    init(dataDirectory: String, port: Int) throws(EmbeddedPostgresError) {
        asPostgres = geteuid() == 0
        var base = dataDirectory
        if asPostgres && !Layout.postgresCanReach(dataDirectory) {
            base = "/var/lib/relay/" + Layout.hash(dataDirectory)
        }
        cluster = base + "/postgres"
        logFile = base + "/postgres.log"
        let preferred = base + "/run"
        // A socket path is limited to 107 bytes (sun_path), including ".s.PGSQL.PORT".
        if (preferred + "/.s.PGSQL.\(port)").utf8.count < 100 {
            socketDirectory = preferred
        } else {
            socketDirectory = "/tmp/relay-pg-" + Layout.hash(dataDirectory)
        }
    }

    /// Whether the cluster's server is running (`pg_ctl status`).
    func serverRuns(_ tools: Tools) throws(EmbeddedPostgresError) -> Bool {
        try tools.run("pg_ctl", ["-D", cluster, "status"], asPostgres: asPostgres).code == 0
    }

    func connectionString(port: Int, database: String) -> String {
        "host='\(socketDirectory)' port=\(port) user=relay dbname='\(database)'"
    }

    func prepareDirectories() throws(EmbeddedPostgresError) {
        let files = FileManager.default
        do {
            // The directories above are traversable (the postgres user must reach the cluster);
            // the cluster and the socket's directory are private.
            for directory in [cluster, socketDirectory] {
                let parent = URL(fileURLWithPath: directory).deletingLastPathComponent().path
                if !files.fileExists(atPath: parent) {
                    try files.createDirectory(atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
                }
            }
            for directory in [cluster, socketDirectory] {
                try files.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            if !files.fileExists(atPath: logFile) { _ = files.createFile(atPath: logFile, contents: nil) }
        } catch {
            throw EmbeddedPostgresError("cannot create the PostgreSQL directories: \(error)")
        }
        if asPostgres {
            guard let user = getpwnam("postgres") else {
                throw EmbeddedPostgresError("running as root needs the postgres system user (apt install postgresql)")
            }
            for path in [cluster, socketDirectory, logFile] where chown(path, user.pointee.pw_uid, user.pointee.pw_gid) != 0 {
                throw EmbeddedPostgresError("cannot give \(path) to the postgres user: errno \(errno)")
            }
        }
    }

    /// Whether the postgres user can traverse every existing directory down to `path`.
    static func postgresCanReach(_ path: String) -> Bool {
        guard let user = getpwnam("postgres") else { return true }
        let uid = user.pointee.pw_uid
        let gid = user.pointee.pw_gid
        var current = URL(fileURLWithPath: path)
        while true {
            var info = stat()
            if stat(current.path, &info) == 0 {
                let mode = info.st_mode
                let allowed = info.st_uid == uid ? mode & 0o100 != 0 : info.st_gid == gid ? mode & 0o010 != 0 : mode & 0o001 != 0
                if !allowed { return false }
            }
            if current.path == "/" { return true }
            current = current.deletingLastPathComponent()
        }
    }

    /// A short stable name for a path (FNV-1a, hex).
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(value, radix: 16)
    }
}

/// The PostgreSQL server programs, found once.
private struct Tools {
    let directory: String

    static func find() throws(EmbeddedPostgresError) -> Tools {
        let files = FileManager.default
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["RELAY_PG_BINDIR"] { candidates.append(configured) }
        let versions = ((try? files.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted(by: >)
        candidates += versions.map { "/usr/lib/postgresql/\($0)/bin" }
        candidates += ["/usr/local/pgsql/bin", "/usr/local/bin", "/usr/bin"]
        for directory in candidates where files.isExecutableFile(atPath: directory + "/initdb") && files.isExecutableFile(atPath: directory + "/pg_ctl") {
            return Tools(directory: directory)
        }
        throw EmbeddedPostgresError(
            "no PostgreSQL server programs (initdb, pg_ctl) found: install the postgresql package, set RELAY_PG_BINDIR, "
                + "or point RELAY_DATABASE_URL at a server")
    }

    /// Runs a tool to completion (blocking the calling thread); its output (stdout and stderr)
    /// is returned.
    ///
    /// The child gets no descriptor of this process beyond 0–2: `pg_ctl start` leaves the server
    /// running, and a server holding an inherited pipe or socket would keep the parent waiting
    /// for an end-of-file that never comes (Foundation's `Process` relies on exactly that).
    func run(_ tool: String, _ arguments: [String], asPostgres: Bool) throws(EmbeddedPostgresError) -> (code: Int32, output: String) {
        let argv = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", directory + "/" + tool] + arguments : [directory + "/" + tool] + arguments
        let outputPath = NSTemporaryDirectory() + "relay-pg-tool-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)
        if asPostgres { posix_spawn_file_actions_addchdir_np(&actions, "/") }
        var pid: pid_t = 0
        let spawned = LibPQ.withCStrings(argv) { args in
            posix_spawn(&pid, argv[0], &actions, nil, UnsafeMutablePointer(mutating: args).withMemoryRebound(to: UnsafeMutablePointer<CChar>?.self, capacity: argv.count + 1) { $0 }, environ)
        }
        guard spawned == 0 else { throw EmbeddedPostgresError("cannot run \(tool): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw EmbeddedPostgresError("cannot wait for \(tool): errno \(errno)") }
        }
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (code, text)
    }
}
