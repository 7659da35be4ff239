using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pinterest.Sdk.Cli.Login;

/// <summary>
/// Waits on <c>http://localhost:PORT/</c> for the one browser request Pinterest's redirect makes. It
/// listens on the loopback addresses only (127.0.0.1 and, when the machine has it, ::1, since a
/// browser may resolve localhost to either), reads nothing but a request line and headers (at most
/// 16 KiB, within 10 seconds a connection, several connections at once), answers other paths 404
/// and keeps waiting, and stops at the first request to <c>/</c>: what its query says is for the
/// caller to judge.
/// </summary>
internal sealed class LoopbackRedirectListener : IDisposable
{
    private const int MaxRequestBytes = 16 * 1024;
    private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);
    private readonly List<TcpListener> _listeners;

    private LoopbackRedirectListener(List<TcpListener> listeners, int port)
    {
        _listeners = listeners;
        RedirectUri = new Uri($"http://localhost:{port}/");
    }

    /// <summary>The redirect URI to register in the app and send to Pinterest.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Listens on <paramref name="port"/> of the loopback addresses.</summary>
    /// <exception cref="SocketException">The port is in use (or not allowed) on 127.0.0.1, or on ::1 where the machine has it.</exception>
    public static LoopbackRedirectListener Start(int port)
    {
        var listeners = new List<TcpListener>();
        try
        {
            listeners.Add(Listen(IPAddress.Loopback, port));
            if (Socket.OSSupportsIPv6)
            {
                try
                {
                    listeners.Add(Listen(IPAddress.IPv6Loopback, port));
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
                {
                    // No ::1 on this machine: 127.0.0.1 alone serves localhost. (::1 taken by another
                    // program is not skipped: a browser resolving localhost to ::1 would hand that
                    // program the code, so the caller refuses to start.)
                }
            }
            return new LoopbackRedirectListener(listeners, port);
        }
        catch
        {
            listeners.ForEach(l => l.Stop());
            throw;
        }
    }

    /// <summary>
    /// The query of the first request for <c>/</c>, after <paramref name="respond"/> has chosen the
    /// page that request gets back (the browser shows it). Connections are served side by side:
    /// browsers open spare connections they may never send on, and one of those must not hold up
    /// the redirect for its 10 seconds.
    /// </summary>
    public async Task<NameValueCollection> WaitForRedirectAsync(Func<NameValueCollection, string> respond, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var redirect = new TaskCompletionSource<NameValueCollection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var accepting = _listeners.Select(listener => AcceptAsync(listener, connection => ServeAsync(connection, respond, redirect, stop.Token), stop.Token)).ToList();
        try
        {
            return await redirect.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(accepting).ConfigureAwait(false);
        }
    }

    public void Dispose() => _listeners.ForEach(l => l.Stop());

    /// <summary>Accepts connections until <paramref name="cancellationToken"/> ends, each served in a task of its own.</summary>
    private static async Task AcceptAsync(TcpListener listener, Func<TcpClient, Task> serve, CancellationToken cancellationToken)
    {
        var serving = new List<Task>();
        try
        {
            while (true)
                serving.Add(serve(await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false)));
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
            // The listener failed (stopped, say): the other one, or the caller's timeout, ends the wait.
        }
        await Task.WhenAll(serving).ConfigureAwait(false);
    }

    /// <summary>Answers one connection; the redirect's query completes <paramref name="redirect"/> (the first one only).</summary>
    private static async Task ServeAsync(TcpClient client, Func<NameValueCollection, string> respond, TaskCompletionSource<NameValueCollection> redirect, CancellationToken cancellationToken)
    {
        using var _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectionTimeout);
        var stream = client.GetStream();
        try
        {
            var target = await ReadRequestTargetAsync(stream, timeout.Token).ConfigureAwait(false);
            if (target is null)
            {
                await WriteAsync(stream, 400, "Bad request.", timeout.Token).ConfigureAwait(false);
                return;
            }
            var queryStart = target.IndexOf('?', StringComparison.Ordinal);
            var path = queryStart < 0 ? target : target[..queryStart];
            if (path != "/" || redirect.Task.IsCompleted)
            {
                await WriteAsync(stream, 404, "Not found.", timeout.Token).ConfigureAwait(false);
                return;
            }
            var query = System.Web.HttpUtility.ParseQueryString(queryStart < 0 ? "" : target[(queryStart + 1)..]);
            await WriteAsync(stream, 200, respond(query), timeout.Token).ConfigureAwait(false);
            redirect.TrySetResult(query);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // A connection that stalled, broke or outlived the wait is not the redirect.
        }
    }


    /// <summary>The target of a <c>GET</c> request line (<c>/?code=…</c>), once its headers are in; null for anything else.</summary>
    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return null;
            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                var requestLine = Encoding.ASCII.GetString(buffer, 0, buffer.AsSpan(0, length).IndexOf("\r\n"u8)).Split(' ');
                return requestLine is ["GET", var target, var version] && version.StartsWith("HTTP/1.", StringComparison.Ordinal) ? target : null;
            }
        }
        return null;
    }

    private static async Task WriteAsync(NetworkStream stream, int status, string text, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>pinterest-insights</title></head>" +
            $"<body style=\"font-family:sans-serif;margin:3em\"><p>{WebUtility.HtmlEncode(text)}</p></body></html>");
        var reason = status switch { 200 => "OK", 404 => "Not Found", _ => "Bad Request" };
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\n" +
            "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private static TcpListener Listen(IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        listener.Server.ExclusiveAddressUse = OperatingSystem.IsWindows();
        listener.Start();
        return listener;
    }
}
