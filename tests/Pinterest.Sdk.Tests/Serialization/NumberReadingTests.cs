using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Tests.Serialization;

/// <summary>
/// Numbers are read from their text rather than through Newtonsoft's boxing <c>ReadAsDouble</c>; every
/// value must come out bit for bit as <c>ReadAsDouble</c> reads it (or fail where it fails), for any
/// double, integer, exponent, sign and magnitude.
/// </summary>
public class NumberReadingTests
{
    private static JsonTextReader AtValue(string json)
    {
        var reader = new JsonTextReader(new StringReader("{\"v\": " + json + "}")) { DateParseHandling = DateParseHandling.None };
        reader.Read();
        reader.Read();
        return reader;
    }

    /// <summary>The outcome of a read: the value's bits, null, or that it failed.</summary>
    private static string Outcome(Func<JsonTextReader, double?> read, string json)
    {
        try
        {
            return read(AtValue(json)) is { } value ? BitConverter.DoubleToInt64Bits(value).ToString(CultureInfo.InvariantCulture) : "null";
        }
        catch (JsonException)
        {
            return "fails";
        }
    }

    private static double? Sdk(JsonTextReader reader)
    {
        JsonValues.Read(reader, out double? value);
        return value;
    }

    private static void AssertSameAsNewtonsoft(string json) =>
        Assert.That(Outcome(Sdk, json), Is.EqualTo(Outcome(r => r.ReadAsDouble(), json)), json);

    [TestCase("0")]
    [TestCase("-0")]
    [TestCase("-0.0")]
    [TestCase("1e400")]
    [TestCase("-1e400")]
    [TestCase("4.9e-324")]
    [TestCase("2.4e-324")]
    [TestCase("1.7976931348623157e308")]
    [TestCase("123456789012345678901234567890")]
    [TestCase("0.1")]
    [TestCase("1E+2")]
    [TestCase("\"12.5\"")]
    [TestCase("\"\"")]
    [TestCase("null")]
    [TestCase("\"abc\"")]
    [TestCase("true")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("-Infinity")]
    [TestCase("{}")]
    [TestCase("[]")]
    public void Edge_cases_read_as_newtonsoft_reads_them(string json) => AssertSameAsNewtonsoft(json);

    [Test]
    public void Any_double_in_any_notation_reads_bit_for_bit_as_newtonsoft_reads_it()
    {
        var doubles = ArbMap.Default.GeneratorFor<long>().Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite);
        var notations = Gen.Elements("R", "E17", "G17", "F2", "E3");
        Prop.ForAll(Gen.Zip(doubles, notations).ToArbitrary(), pair =>
        {
            var text = pair.Item1.ToString(pair.Item2, CultureInfo.InvariantCulture);
            AssertSameAsNewtonsoft(text);
        }).QuickCheckThrowOnFailure();
    }

    [Test]
    public void Any_integer_and_exponent_reads_as_newtonsoft_reads_it()
    {
        var integers = ArbMap.Default.GeneratorFor<long>().Select(n => n.ToString(CultureInfo.InvariantCulture));
        var exponents = Gen.Zip(Gen.Choose(-999, 999), Gen.Choose(-400, 400)).Select(p => $"{p.Item1}e{p.Item2}");
        Prop.ForAll(Gen.OneOf(integers, exponents).ToArbitrary(), AssertSameAsNewtonsoft).QuickCheckThrowOnFailure();
    }

    [TestCase("10000", 10000L)]
    [TestCase("10000.0", 10000L)]
    [TestCase("1e4", 10000L)]
    [TestCase("-9223372036854775808", long.MinValue)]
    [TestCase("9223372036854775807", long.MaxValue)]
    [TestCase("\"42\"", 42L)]
    [TestCase("null", null)]
    public void An_integer_reads_from_any_number_without_a_fraction(string json, long? expected)
    {
        JsonValues.Read(AtValue(json), out long? value);

        Assert.That(value, Is.EqualTo(expected));
    }

    [TestCase("1.5")]
    [TestCase("1e300")]
    [TestCase("\"abc\"")]
    [TestCase("true")]
    public void An_integer_with_a_fraction_or_out_of_range_is_refused(string json) =>
        Assert.Throws<JsonSerializationException>(() => JsonValues.Read(AtValue(json), out long? _));
}
