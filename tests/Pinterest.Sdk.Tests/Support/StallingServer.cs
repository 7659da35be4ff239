using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>
/// A loopback HTTP server that answers every request with a status line, headers and the start of a
/// body, then sends nothing more until it is disposed: a server that stalls mid-stream.
/// </summary>
public sealed class StallingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];

    public StallingServer()
    {
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v5/");
        _ = AcceptAsync();
    }

    public Uri BaseUrl { get; }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_connections)
                    _connections.Add(connection);
                var stream = connection.GetStream();
                var buffer = new byte[8192];
                _ = await stream.ReadAsync(buffer, _stop.Token);
                var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"size\": 1, \"categories\": [";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                await stream.FlushAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
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
