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
}

/// <summary>A loopback server misbehaving below HTTP, where WireMock cannot: stalls and dropped sockets.</summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly RawBehaviour _behaviour;
    private int _requests;

    public RawHttpServer(RawBehaviour behaviour)
    {
        _behaviour = behaviour;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v5/");
        _ = AcceptAsync();
    }

    public Uri BaseUrl { get; }

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
                var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"size\": 1, \"categories\": [";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
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
