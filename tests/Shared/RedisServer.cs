using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pinterest.Sdk.Tests.Shared;

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>, which <c>build/test</c> installs) on a free loopback port,
/// with no persistence. It stops when disposed, and also when the test process dies: it runs under a
/// small shell that kills it once the test process's end of its standard input closes. The tests,
/// the package tests and the benchmarks all start it here.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly Process _watch;

    private RedisServer(Process watch, int port)
    {
        _watch = watch;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts one.</summary>
    /// <exception cref="InvalidOperationException"><c>redis-server</c> is not installed (build/test installs it), or did not start.</exception>
    public static RedisServer Start()
    {
        const string program = "redis-server";
        if (!OnPath(program))
            throw new InvalidOperationException("redis-server is not installed: build/test installs it (apt-get install redis-server)");

        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // `read` returns when the test process closes stdin (Dispose) or dies; then the server is killed.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            $"{program} --port {port} --bind 127.0.0.1 --save '' --appendonly no --daemonize no --loglevel warning & " +
            "server=$!; read _; kill $server; wait $server");
        var watch = Process.Start(start)!;
        var server = new RedisServer(watch, port);
        try
        {
            server.WaitUntilReady(TimeSpan.FromSeconds(30));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Stops the server for good (a test of what happens when Redis goes away).</summary>
    public void Stop()
    {
        if (_watch.HasExited)
            return;
        try
        {
            _watch.StandardInput.Close();
        }
        catch (IOException)
        {
        }
        if (!_watch.WaitForExit(TimeSpan.FromSeconds(10)))
            _watch.Kill(entireProcessTree: true);
    }

    public void Dispose()
    {
        Stop();
        _watch.Dispose();
    }

    private void WaitUntilReady(TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_watch.HasExited)
                throw new InvalidOperationException($"redis-server exited at once: {_watch.StandardError.ReadToEnd()}");
            if (AnswersPing())
                return;
            if (deadline.Elapsed > limit)
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within {limit.TotalSeconds} s");
            Thread.Sleep(50);
        }
    }

    private bool AnswersPing()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 2000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, program)));
}
