using System.Runtime.CompilerServices;
using Pinterest.Sdk.Testing;

// These types now live in Pinterest.Sdk.Testing.InProcess (which this package depends on), so the
// pinterest-insights tool can use them without WireMock.Net. Code built against an earlier
// Pinterest.Sdk.Testing still finds them here.
[assembly: TypeForwardedTo(typeof(PinterestStubHandler))]
[assembly: TypeForwardedTo(typeof(PinterestStubServerOptions))]
