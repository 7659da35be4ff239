using System.Net;
using System.Net.Sockets;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>A loopback port nothing listens on right now, for a server a test or an example starts itself.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
