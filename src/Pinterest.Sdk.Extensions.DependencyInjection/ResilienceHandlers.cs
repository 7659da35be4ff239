namespace Pinterest.Sdk;

/// <summary>
/// Keeps the SDK's HttpClient free of Microsoft.Extensions.Http.Resilience handlers, which an
/// application often adds to every client (<c>ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler())</c>).
/// The SDK already retries with Pinterest's <c>Retry-After</c>; a second layer would multiply the
/// attempts and the waits.
/// </summary>
internal static class ResilienceHandlers
{
    // Matched by name so this package does not depend on the resilience package.
    private const string ResilienceHandlerType = "Microsoft.Extensions.Http.Resilience.ResilienceHandler";

    public static void RemoveFrom(IList<DelegatingHandler> handlers)
    {
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            for (var type = handlers[i].GetType(); type is not null; type = type.BaseType)
            {
                if (type.FullName == ResilienceHandlerType)
                {
                    handlers.RemoveAt(i);
                    break;
                }
            }
        }
    }
}
