using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>What <see cref="RawHttpServer"/> does with each request.</summary>
public enum RawBehaviour
{
    /// <summary>Sends the status line, headers and the start of a body, then nothing more.</summary>
    StallAfterHeaders,

    /// <summary>Reads the request and closes the connection without answering.</summary>
    CloseWithoutAnswer,

    /// <summary>Sends the headers at once, then the body a few bytes at a time over <see cref="RawHttpServer.DripTime"/>, then closes.</summary>
    DripBody,
}

/// <summary>A loopback server misbehaving below HTTP, where WireMock cannot: stalls and dropped sockets.</summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly RawBehaviour _behaviour;
    private int _requests;

    private readonly byte[] _body;
    private readonly bool _declareLength;
    private readonly string _status;
    private readonly long _stalledLength;

    /// <param name="behaviour">What to do with each request.</param>
    /// <param name="body">The body <see cref="RawBehaviour.DripBody"/> sends.</param>
    /// <param name="dripTime">How long <see cref="RawBehaviour.DripBody"/> takes to send it.</param>
    /// <param name="declareLength">Whether to send Content-Length; without it the body ends when the connection closes.</param>
    /// <param name="status">The status line <see cref="RawBehaviour.StallAfterHeaders"/> sends, such as <c>404 Not Found</c>.</param>
    /// <param name="stalledLength">The Content-Length <see cref="RawBehaviour.StallAfterHeaders"/> declares.</param>
    public RawHttpServer(RawBehaviour behaviour, byte[]? body = null, TimeSpan? dripTime = null, bool declareLength = true, string status = "200 OK", long stalledLength = 100_000)
    {
        _status = status;
        _stalledLength = stalledLength;
        _behaviour = behaviour;
        _body = body ?? [];
        DripTime = dripTime ?? TimeSpan.FromSeconds(3);
        _declareLength = declareLength;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v5/");
        _ = AcceptAsync();
    }

    /// <summary>What <see cref="RawBehaviour.StallAfterHeaders"/> sends of its body before it stalls.</summary>
    public const string StalledBodyStart = "{\"code\": 8, \"message\": \"stalled\", \"categories\": [";

    public Uri BaseUrl { get; }

    /// <summary>How long a dripped body takes to arrive.</summary>
    public TimeSpan DripTime { get; }

    /// <summary>How many requests reached the server.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_connections)
                    _connections.Add(connection);
                _ = AnswerAsync(connection);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task AnswerAsync(TcpClient connection)
    {
        try
        {
            var stream = connection.GetStream();
            var buffer = new byte[8192];
            while (await stream.ReadAsync(buffer, _stop.Token) > 0)
            {
                Interlocked.Increment(ref _requests);
                if (_behaviour == RawBehaviour.CloseWithoutAnswer)
                {
                    connection.Client.LingerState = new LingerOption(true, 0); // reset, not a polite close
                    connection.Dispose();
                    return;
                }
                if (_behaviour == RawBehaviour.DripBody)
                {
                    await DripAsync(stream);
                    connection.Dispose();
                    return;
                }
                var head = $"HTTP/1.1 {_status}\r\nContent-Type: application/json\r\nx-pinterest-rid: rid-stalled\r\nContent-Length: {_stalledLength}\r\n\r\n{StalledBodyStart}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
        }
    }

    private async Task DripAsync(NetworkStream stream)
    {
        var length = _declareLength ? $"Content-Length: {_body.Length}\r\n" : "";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{length}Connection: close\r\n\r\n"), _stop.Token);
        await stream.FlushAsync(_stop.Token);
        const int Drops = 30;
        var drop = (_body.Length + Drops - 1) / Drops;
        for (var sent = 0; sent < _body.Length; sent += drop)
        {
            await Task.Delay(DripTime / Drops, _stop.Token);
            await stream.WriteAsync(_body.AsMemory(sent, Math.Min(drop, _body.Length - sent)), _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_connections)
            _connections.ForEach(c => c.Dispose());
        _stop.Dispose();
    }
}
