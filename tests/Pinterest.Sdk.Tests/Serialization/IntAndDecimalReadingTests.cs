using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Tests.Serialization;

/// <summary>
/// <c>int</c>, <c>decimal</c> and lists of <c>int</c> are read from their text too, without Newtonsoft's
/// boxing <c>ReadAsInt32</c> and <c>ReadAsDecimal</c>: every value comes out as those read it, or fails
/// where they fail.
/// </summary>
public class IntAndDecimalReadingTests
{
    private static JsonTextReader AtValue(string json)
    {
        var reader = new JsonTextReader(new StringReader("{\"v\": " + json + "}")) { DateParseHandling = DateParseHandling.None };
        reader.Read();
        reader.Read();
        return reader;
    }

    private static string Outcome<T>(Func<JsonTextReader, T?> read, string json)
        where T : struct
    {
        try
        {
            return read(AtValue(json)) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture)! : "null";
        }
        catch (JsonException)
        {
            return "fails";
        }
    }

    private static int? SdkInt(JsonTextReader reader)
    {
        JsonValues.Read(reader, out int? value);
        return value;
    }

    private static decimal? SdkDecimal(JsonTextReader reader)
    {
        JsonValues.Read(reader, out decimal? value);
        return value;
    }

    private static void AssertIntAsNewtonsoft(string json) =>
        Assert.That(Outcome(SdkInt, json), Is.EqualTo(Outcome(r => r.ReadAsInt32(), json)), json);

    private static void AssertDecimalAsNewtonsoft(string json) =>
        Assert.That(Outcome(SdkDecimal, json), Is.EqualTo(Outcome(r => r.ReadAsDecimal(), json)), json);

    [TestCase("0")]
    [TestCase("-0")]
    [TestCase("2147483647")]
    [TestCase("-2147483648")]
    [TestCase("2147483648")]
    [TestCase("1.0")]
    [TestCase("1e2")]
    [TestCase("\"12\"")]
    [TestCase("\" 12 \"")]
    [TestCase("\"12.5\"")]
    [TestCase("\"\"")]
    [TestCase("null")]
    [TestCase("true")]
    [TestCase("{}")]
    [TestCase("[]")]
    public void An_int_reads_as_ReadAsInt32_reads_it(string json) => AssertIntAsNewtonsoft(json);

    [Test]
    public void Any_integer_reads_as_ReadAsInt32_reads_it()
    {
        var integers = ArbMap.Default.GeneratorFor<long>().Select(n => n.ToString(CultureInfo.InvariantCulture));
        var ints = ArbMap.Default.GeneratorFor<int>().Select(n => n.ToString(CultureInfo.InvariantCulture));
        Prop.ForAll(Gen.OneOf(integers, ints).ToArbitrary(), AssertIntAsNewtonsoft).QuickCheckThrowOnFailure();
    }

    [TestCase("0")]
    [TestCase("-0.0")]
    [TestCase("0.1")]
    [TestCase("1E+2")]
    [TestCase("1e-2")]
    [TestCase("79228162514264337593543950335")]
    [TestCase("79228162514264337593543950336")]
    [TestCase("1e400")]
    [TestCase("\"12.5\"")]
    [TestCase("\"1,000.5\"")]
    [TestCase("\"1e3\"")]
    [TestCase("\"\"")]
    [TestCase("null")]
    [TestCase("\"abc\"")]
    [TestCase("true")]
    [TestCase("{}")]
    public void A_decimal_reads_as_ReadAsDecimal_reads_it(string json) => AssertDecimalAsNewtonsoft(json);

    [Test]
    public void Any_decimal_in_any_notation_reads_as_ReadAsDecimal_reads_it()
    {
        var decimals = ArbMap.Default.GeneratorFor<decimal>().Select(d => d.ToString(CultureInfo.InvariantCulture));
        var doubles = ArbMap.Default.GeneratorFor<long>().Select(BitConverter.Int64BitsToDouble).Where(d => double.IsFinite(d) && Math.Abs(d) < 7.9e28)
            .Select(d => d.ToString("R", CultureInfo.InvariantCulture));
        var exponents = Gen.Zip(Gen.Choose(-99999, 99999), Gen.Choose(-30, 30)).Select(p => $"{p.Item1}e{p.Item2}");
        Prop.ForAll(Gen.OneOf(decimals, doubles, exponents).ToArbitrary(), AssertDecimalAsNewtonsoft).QuickCheckThrowOnFailure();
    }

    [Test]
    public void A_list_of_ints_reads_each_and_refuses_a_null_item()
    {
        JsonValues.Read(AtValue("[1, \"2\", -3]"), out IReadOnlyList<int>? list);
        Assert.That(list, Is.EqualTo(new[] { 1, 2, -3 }));
        Assert.Throws<JsonSerializationException>(() => JsonValues.Read(AtValue("[1, null]"), out IReadOnlyList<int>? _));
        Assert.Throws<JsonSerializationException>(() => JsonValues.Read(AtValue("[1, 2147483648]"), out IReadOnlyList<int>? _));
    }

    [Test]
    public void Pinterests_error_code_is_read_and_a_code_that_is_no_int_is_passed_over()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PinterestErrorBody.Parse("{\"code\": 2, \"message\": \"Authentication failed.\"}"), Is.EqualTo(((int?)2, "Authentication failed.")));
            Assert.That(PinterestErrorBody.Parse("{\"code\": 1e99, \"message\": \"m\"}"), Is.EqualTo(((int?)null, "m")));
            Assert.That(PinterestErrorBody.Parse("{\"code\": 1.5, \"message\": \"m\"}"), Is.EqualTo(((int?)null, "m")));
        });
    }
}
