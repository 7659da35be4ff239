using System.Text;

namespace Pinterest.Sdk.Tests.Http;

/// <summary><c>ResponseBody.AsText</c> decodes the pooled segments as a StreamReader would, whatever the reader asks for at a time.</summary>
public class ResponseBodyTextTests
{
    private const string Text = "a\u00e9\ud834\udd1e\u2615z";

    private static async Task<string> ReadInStepsAsync(byte[] bytes, int step)
    {
        using var body = await ResponseBody.ReadAsync(new MemoryStream(bytes), null, bytes.Length, CancellationToken.None);
        using var reader = body.AsText();
        var text = new StringBuilder();
        var buffer = new char[step];
        for (int read; (read = reader.Read(buffer, 0, step)) > 0;)
            text.Append(buffer, 0, read);
        return text.ToString();
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(1024)]
    public async Task One_char_at_a_time_or_many_the_text_is_the_same(int step)
    {
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(Text)).ToArray();

        Assert.That(await ReadInStepsAsync(bytes, step), Is.EqualTo(Text));
    }

    [Test]
    public async Task A_body_cut_inside_a_character_ends_with_a_replacement_character_as_streamreader_does()
    {
        var bytes = Encoding.UTF8.GetBytes("ab\ud834\udd1e")[..^2];

        var expected = await new StreamReader(new MemoryStream(bytes), Encoding.UTF8).ReadToEndAsync();

        Assert.That(await ReadInStepsAsync(bytes, 16), Is.EqualTo(expected));
    }
}
