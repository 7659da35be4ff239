namespace Pinterest.Sdk.Tests.Support;

/// <summary>A fixture with a fresh stub of the API and a client pointed at it for every test.</summary>
public abstract class StubbedClientTest
{
    protected PinterestApiStub Stub { get; private set; } = null!;

    /// <summary>A client with the stub's token and base URL and no retries, unless a test makes its own.</summary>
    protected AudienceInsightsClient Client { get; private set; } = null!;

    [SetUp]
    public void StartStub()
    {
        Stub = new PinterestApiStub();
        Client = Stub.CreateClient();
    }

    [TearDown]
    public void StopStub() => Stub.Dispose();
}
