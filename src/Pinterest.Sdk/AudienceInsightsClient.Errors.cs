using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Pinterest.Sdk;

// Error mapping: a non-success response becomes the PinterestApiException subclass for its status
// (PinterestApiException.FromResponse), carrying Pinterest's code, message and request id, whatever
// the body holds (JSON, HTML, nothing). A response that never completed becomes a
// PinterestNetworkException; the caller's cancellation stays an OperationCanceledException.
public partial class AudienceInsightsClient
{
    private static async Task<PinterestApiException> CreateApiExceptionAsync(HttpResponseMessage response, PinterestRateLimit? rateLimit, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The error body is read for Pinterest's code and message, but a stalled one never turns
        // the error into a timeout (ResponseBody.ReadStartAsync).
        string body;
        using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        using (var start = await ResponseBody.ReadStartAsync(stream, PinterestErrorBody.MaxBytes, clock, cancellationToken).ConfigureAwait(false))
            body = start.ToText(PinterestErrorBody.MaxBytes);
        var (code, message) = PinterestErrorBody.Parse(body);
        var headers = CollectHeaders(response);
        var requestId = PinterestRequestId.Of(response.Headers);
        // The wait a 429 asks for: Retry-After, else the rate-limit window's reset (a spent daily
        // quota answers with a reset hours away and no Retry-After).
        var status = (int)response.StatusCode;
        var retryAfter = rateLimit?.RetryAfter ?? (status == 429 ? rateLimit?.Reset : null);
        return PinterestApiException.FromResponse(new ResponseDetails(status, code, message, requestId, headers, body, retryAfter, rateLimit));
    }

    /// <summary>
    /// The failure as the caller should see it: their own token on a cancellation they asked for, a
    /// timeout when the total timeout ran out, anything else as it is.
    /// </summary>
    private Exception AsCallerSees(Exception e, Call call, bool totalTimedOut, CancellationToken cancellationToken)
    {
        if (e is not OperationCanceledException canceled)
            return e;
        if (cancellationToken.IsCancellationRequested)
            return canceled.CancellationToken == cancellationToken ? e : new OperationCanceledException(e.Message, e, cancellationToken);
        return totalTimedOut
            ? new PinterestNetworkException(
                $"The call to {call.Method} {call.Route} did not succeed within the total timeout of {_options.TotalTimeout.TotalSeconds:0.###} s.", isTimeout: true, e)
            : e;
    }

    private static Dictionary<string, IEnumerable<string>> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
            headers[header.Key] = header.Value.ToArray();
        foreach (var header in response.Content.Headers)
            headers[header.Key] = header.Value.ToArray();
        return headers;
    }

    private static PinterestApiException UnreadableBody(HttpResponseMessage response, Call call, PinterestRateLimit? rateLimit, ResponseBody body, string problem, Exception? cause) =>
        PinterestApiException.FromResponse(Details(response, rateLimit, body), string.Create(CultureInfo.InvariantCulture,
            $"Pinterest returned HTTP {(int)response.StatusCode} for {call.Method} {call.Route}, but {problem} ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}). Request id: {PinterestRequestId.Of(response.Headers) ?? "(none)"}."),
            innerException: cause);

    private PinterestApiException BodyTooLarge(HttpResponseMessage response, Call call, PinterestRateLimit? rateLimit, ResponseBody start, long size) =>
        PinterestApiException.FromResponse(Details(response, rateLimit, start), string.Create(CultureInfo.InvariantCulture,
            $"Pinterest returned HTTP {(int)response.StatusCode} for {call.Method} {call.Route} with a body of {size:N0} bytes or more, over PinterestClientOptions.MaxResponseBodySize ({_options.MaxResponseBodySize:N0} bytes); raise that setting if such a body is expected. Request id: {PinterestRequestId.Of(response.Headers) ?? "(none)"}."));

    private static PinterestApiException Redirected(HttpResponseMessage response, Call call, Uri target) =>
        PinterestApiException.FromResponse(new ResponseDetails((int)response.StatusCode, null, null, PinterestRequestId.Of(response.Headers), CollectHeaders(response), null, null, null),
            Redirects.Refused($"The call to {call.Method} {call.Route}", call.Url, target, "PinterestClientOptions.BaseUrl"));

    /// <summary>
    /// What every exception from a response carries, whatever went wrong with it: status, headers, rate
    /// limit, request id, and the start of the body (at most the error-body cap).
    /// </summary>
    private static ResponseDetails Details(HttpResponseMessage response, PinterestRateLimit? rateLimit, ResponseBody body) =>
        new((int)response.StatusCode, null, null, PinterestRequestId.Of(response.Headers), CollectHeaders(response), body.ToText(PinterestErrorBody.MaxBytes), rateLimit?.RetryAfter, rateLimit);
}
