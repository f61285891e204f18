using System.Text;
using Clientele.Csv;

namespace Clientele.Storage.Import;

/// <summary>
/// Writes rejected rows, each with its line, column and reason, as CSV (text cells as <see cref="CsvCell.Text"/> writes them). The file appears under its
/// name only when the import commits; until then it is written beside it under a temporary name.
/// </summary>
internal sealed class RejectsWriter : IDisposable
{
    private readonly string _temporary;
    private StreamWriter? _writer;

    public RejectsWriter(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _temporary = Path + ".partial";
        _writer = new StreamWriter(_temporary, false, new UTF8Encoding(false));
        _writer.Write("line,column,column_name,value,reason,record\n");
    }

    public string Path { get; }

    public long Rows { get; private set; }

    /// <summary>Writes one rejected row; several problems of the row share its line, their reasons joined.</summary>
    public void Write(IReadOnlyList<ImportError> errors, string record)
    {
        var error = errors[0];
        var reason = string.Join("; ", errors.Select(e => e.Value is null ? e.Expected : $"{e.ColumnName}: '{e.Value}' is not {e.Expected}"));
        Rows++;
        _writer!.Write(string.Join(',',
            error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
            error.Column.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Quote(error.ColumnName ?? ""),
            Quote(error.Value ?? ""),
            Quote(reason),
            Quote(record)));
        _writer.Write('\n');
    }

    private static string Quote(string value) => CsvCell.Text(value);

    /// <summary>Moves the finished file into place.</summary>
    public void Commit()
    {
        _writer!.Dispose();
        _writer = null;
        try
        {
            File.Move(_temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(_temporary);
        }
    }

    public void Dispose()
    {
        if (_writer is null) return;
        var writer = _writer;
        _writer = null;
        try
        {
            writer.Dispose(); // its last write may fail as the one before did (a full disk)
        }
        finally
        {
            File.Delete(_temporary);
        }
    }
}
