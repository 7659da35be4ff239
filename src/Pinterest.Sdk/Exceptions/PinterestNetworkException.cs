namespace Pinterest.Sdk;

/// <summary>
/// No usable response arrived from Pinterest: the connection failed or broke, or an attempt timed
/// out (<see cref="IsTimeout"/>). <see cref="PinterestApiException.StatusCode"/> is 0 and the
/// cause is the inner exception. A caller's own cancellation is an <see cref="OperationCanceledException"/> instead.
/// </summary>
public class PinterestNetworkException : PinterestApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed; it must not contain secrets.</param>
    /// <param name="isTimeout">Whether the attempt ran out of time rather than failing outright.</param>
    /// <param name="innerException">The transport failure.</param>
    public PinterestNetworkException(string message, bool isTimeout = false, Exception? innerException = null)
        : base(message, 0, null, null, null, null, null, innerException)
    {
        IsTimeout = isTimeout;
    }

    /// <summary>Whether the attempt exceeded <see cref="PinterestClientOptions.Timeout"/>.</summary>
    public bool IsTimeout { get; }
}
