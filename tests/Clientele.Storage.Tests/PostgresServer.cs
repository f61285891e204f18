using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Clientele.Storage.Tests;

/// <summary>
/// A throwaway PostgreSQL server for tests: <c>initdb</c> in a fresh temporary folder (as the <c>postgres</c> OS user
/// through <c>runuser</c> when the tests run as root, since PostgreSQL refuses root), listening on 127.0.0.1 at a free port
/// with its socket in that folder and fsync off. <see cref="Dispose"/> stops it (<c>pg_ctl stop -w</c>, then waits until the
/// postmaster's process is gone) and deletes the folder. A test process that dies without disposing (killed, cancelled)
/// leaves a folder whose owner is gone: the next server any test starts stops that one's postmaster and deletes it.
/// Without PostgreSQL's programs (<see cref="Binaries"/>), <see cref="Require"/> skips the calling test, saying why.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string FolderPrefix = "clientele-pg-";
    private const string OwnerFile = "owner";

    private PostgresServer(string folder, int port, int postmaster) => (Folder, Port, _postmaster) = (folder, port, postmaster);

    private int _postmaster;
    private bool _stopped;

    /// <summary>The folder of PostgreSQL's programs (the newest <c>/usr/lib/postgresql/N/bin</c> with <c>initdb</c>), or null.</summary>
    public static string? Binaries { get; } = FindBinaries();

    /// <summary>The server's temporary folder (its data directory and socket).</summary>
    public string Folder { get; }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Skips the calling test, saying so, when PostgreSQL is not installed.</summary>
    public static void Require()
    {
        if (Binaries is null)
            Assert.Skip("SKIPPED: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb), so the tests of a PostgreSQL workspace cannot run; " +
                        ".ci/run installs Debian's postgresql package.");
    }

    /// <summary>The URL of a database on this server that no test has used (<c>Workspace.Create</c> creates it).</summary>
    public string NewDatabaseUrl() => $"postgres://postgres@127.0.0.1:{Port}/t_{Guid.NewGuid():N}";

    /// <summary>A connection string to a database of this server, as its superuser.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = false }.ConnectionString;

    /// <summary>Drops a database made by a test, closing its connections (pooled ones included).</summary>
    public void DropDatabase(string url)
    {
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{new Uri(url).AbsolutePath.TrimStart('/')}\" WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    /// <summary>Starts a server (3 tries, each on another free port, since a port found free may be taken before it binds).</summary>
    public static PostgresServer Start()
    {
        Require();
        RemoveLeftovers();
        for (var attempt = 1; ; attempt++)
        {
            var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
            try
            {
                return Start(folder);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                Remove(folder);
            }
            catch
            {
                Remove(folder);
                throw;
            }
        }
    }

    private static PostgresServer Start(string folder)
    {
        File.WriteAllText(Path.Combine(folder, OwnerFile), $"{Environment.ProcessId} {StartedAt(Environment.ProcessId)}");
        if (AsRoot && !OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111); // the postgres user writes its data and socket here
        var data = Path.Combine(folder, "data");
        Run("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        var port = FreePort();
        var server = new PostgresServer(folder, port, Launch(folder, port));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    /// <summary>Runs the postmaster of the data directory in <paramref name="folder"/> on <paramref name="port"/>; returns its process id.</summary>
    private static int Launch(string folder, int port)
    {
        var data = Path.Combine(folder, "data");
        Run("pg_ctl", "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
        return Postmaster(data) ?? throw new InvalidOperationException($"PostgreSQL started without a postmaster.pid in {data}");
    }

    /// <summary>
    /// Stops the server as an administrator would (<c>pg_ctl stop</c>: <c>fast</c> ends every session, <c>immediate</c> as a
    /// crash, without a shutdown checkpoint), waits until its postmaster's process is gone, and keeps its data and port for
    /// <see cref="Resume"/>. Clients' pooled connections are left as they were: they find out at their next statement. The server
    /// commits asynchronously (<c>synchronous_commit=off</c>), so <c>immediate</c> may lose the commits of the last few hundred
    /// milliseconds, as a crash would: run <c>CHECKPOINT</c> first for what must survive it.
    /// </summary>
    public void Halt(string mode) => Stop(Path.Combine(Folder, "data"), _postmaster, mode);

    /// <summary>Starts the halted server again on the same data and port.</summary>
    public void Resume() => _postmaster = Launch(Folder, Port);

    /// <summary>Stops the server and deletes its folder.</summary>
    public void Dispose()
    {
        lock (this)
        {
            if (_stopped) return;
            _stopped = true;
        }
        NpgsqlConnection.ClearAllPools();
        Stop(Path.Combine(Folder, "data"), _postmaster, "fast");
        Remove(Folder);
    }

    private static void Stop(string data, int postmaster, string mode)
    {
        try
        {
            Run("pg_ctl", "-D", data, "-m", mode, "-w", "-t", "60", "stop");
        }
        catch (InvalidOperationException)
        {
            // Not running any more, or refusing to stop: the wait below decides.
        }
        // pg_ctl returns when the server stopped accepting work; the postmaster's process may live a moment longer.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Alive(postmaster) && DateTime.UtcNow < deadline) Thread.Sleep(50);
        if (!Alive(postmaster)) return;
        try
        {
            using var process = Process.GetProcessById(postmaster);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
        }
    }

    /// <summary>Stops and deletes the servers of test processes that ended without stopping theirs.</summary>
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                var owner = File.ReadAllText(Path.Combine(folder, OwnerFile)).Split(' ');
                if (OwnerAlive(int.Parse(owner[0]), long.Parse(owner[1]))) continue;
                var data = Path.Combine(folder, "data");
                if (Postmaster(data) is { } postmaster && Alive(postmaster)) Stop(data, postmaster, "immediate");
                Remove(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // Being made right now by another test process (no owner yet), or not ours to judge.
            }
        }
    }

    private static bool OwnerAlive(int pid, long started) => StartedAt(pid) == started;

    /// <summary>
    /// When the process started, in clock ticks after boot (/proc/PID/stat's 22nd field), or null when it is gone: exact, where
    /// <see cref="Process.StartTime"/> is recomputed from the boot time on every read and differs by microseconds between two
    /// processes' reads (a live test process's server was taken for a leftover and stopped by another test process).
    /// </summary>
    private static long? StartedAt(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name in parentheses may hold spaces; the fields after it start at the 3rd.
            return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int? Postmaster(string data)
    {
        var file = Path.Combine(data, "postmaster.pid");
        return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : null;
    }

    /// <summary>Whether the process runs (a zombie, gone but not yet reaped, does not).</summary>
    private static bool Alive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Remove(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool AsRoot { get; } = Environment.UserName == "root";

    /// <summary>Runs one of PostgreSQL's programs (as the postgres user when root) and waits for it.</summary>
    /// <exception cref="InvalidOperationException">It failed; the message holds its output.</exception>
    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(AsRoot ? "runuser" : Path.Combine(Binaries!, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (AsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", Path.Combine(Binaries!, program) }) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        // Read asynchronously and wait with a bound: a started postmaster must never keep this test waiting on a pipe.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in 120 s");
        }
        if (process.ExitCode != 0)
        {
            var said = (output.Wait(1000) ? output.Result : "") + (error.Wait(1000) ? error.Result : "");
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {said.Trim()}");
        }
    }

    private static string? FindBinaries()
    {
        var overridden = Environment.GetEnvironmentVariable("CLIENTELE_POSTGRES_BIN");
        if (!string.IsNullOrEmpty(overridden)) return File.Exists(Path.Combine(overridden, "initdb")) ? overridden : null;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.EnumerateDirectories("/usr/lib/postgresql")
            .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
            .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Bin, "initdb")))
            .OrderByDescending(d => d.Version).Select(d => d.Bin).FirstOrDefault();
    }
}
