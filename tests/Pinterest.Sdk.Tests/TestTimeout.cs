// The backstop behind the bounded waits (Support/Bounded.cs, Support/FakeTime.cs): a test still
// running after five minutes fails ("Test exceeded Timeout value"), and the run goes on with the next
// test, instead of holding everything until the session timeout (test.runsettings). Five minutes is
// above the longest bound a test sets itself (LoadTests' three minutes, the CLI's two) and far above
// what any test takes.
// NUnit marks TimeoutAttribute obsolete on .NET because it cannot abort the test's thread; it still
// fails the test and moves on, leaving the hung work behind, which is what a backstop needs.
// CancelAfterAttribute only cancels a token the test must take and watch, so it cannot be set for all.
#pragma warning disable CS0618
[assembly: Timeout(5 * 60 * 1000)]
#pragma warning restore CS0618

namespace Pinterest.Sdk.Tests;
