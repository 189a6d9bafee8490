using Microsoft.Data.Sqlite;

namespace DeliberationBot.Testing;

/// <summary>A fresh temporary folder (for a service's SQLite file, its keys), deleted afterwards.</summary>
public sealed class ScratchFolder(string prefix) : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory(prefix);

    public string FullName => _folder.FullName;

    public string PathOf(string name) => Path.Combine(_folder.FullName, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing background task; the OS temp cleaner gets it.
        }
    }
}
