using System.Text;
using Pinterest.Sdk.Cli.Login;

namespace Pinterest.Sdk.Tests.Cli.Login;

/// <summary>
/// The stored login is replaced, never rewritten in place: each write is a new file moved over the
/// old one, so whoever reads it (another run of the tool) sees one whole login, the previous or the
/// new, and a write that fails leaves the previous one. File modes are Unix ones.
/// </summary>
[Platform(Exclude = "Win")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class LoginStoreTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Path.Combine(Directory.CreateTempSubdirectory("pinterest-insights-store-").FullName, "pinterest-insights");

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    private static StoredLogin Login(string tokens) => new(
        "sample-app-id", new Uri("https://api.pinterest.com/v5/"), "pina_" + tokens, new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
        "pinr_" + tokens, new DateTimeOffset(2027, 12, 1, 12, 0, 0, TimeSpan.Zero), "ads:read");

    [Test]
    public void A_reader_that_opened_the_login_before_a_write_reads_the_previous_login_whole()
    {
        var store = new LoginStore(_folder);
        store.Write(Login("first"));
        var first = File.ReadAllText(store.FilePath);

        using (var reader = new StreamReader(store.FilePath, Encoding.UTF8))
        {
            store.Write(Login("second-and-longer"));

            Assert.That(reader.ReadToEnd(), Is.EqualTo(first), "the file it opened was replaced, not rewritten");
        }
        Assert.That(store.Read(), Is.EqualTo(Login("second-and-longer")));
        Assert.That(File.GetUnixFileMode(store.FilePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { store.FilePath }), "no temporary file is left");
    }

    [Test]
    public void A_write_that_cannot_replace_the_login_leaves_no_temporary_file()
    {
        var store = new LoginStore(_folder);
        // Something that is not a file stands where login.json goes: the new file is written, the move fails.
        Directory.CreateDirectory(store.FilePath);

        Assert.That(() => store.Write(Login("first")), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());

        Assert.That(Directory.GetFiles(_folder), Is.Empty, "the new file is removed");
    }
}
