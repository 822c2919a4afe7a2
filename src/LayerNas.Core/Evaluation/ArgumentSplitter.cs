using System.Text;

namespace LayerNas.Evaluation;

/// <summary>
/// Splits a command line into arguments the way a POSIX shell would split words — single quotes, double quotes
/// and backslash escapes — without any expansion, so no shell ever sees user text. Pure and thread-safe.
/// </summary>
public static class ArgumentSplitter
{
    /// <summary>The words of <paramref name="commandLine"/>; throws a <see cref="UserInputException"/> for an unclosed quote or an empty command.</summary>
    public static IReadOnlyList<string> Split(string commandLine, string setting = "evaluator.command")
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < commandLine.Length; i++)
        {
            char c = commandLine[i];
            switch (c)
            {
                case '\'':
                    int close = commandLine.IndexOf('\'', i + 1);
                    if (close < 0) throw Unclosed(setting, commandLine, "'");
                    word.Append(commandLine, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    inWord = true;
                    for (i++; ; i++)
                    {
                        if (i >= commandLine.Length) throw Unclosed(setting, commandLine, "\"");
                        if (commandLine[i] == '"') break;
                        if (commandLine[i] == '\\' && i + 1 < commandLine.Length && commandLine[i + 1] is '"' or '\\' or '$' or '`')
                            i++;
                        word.Append(commandLine[i]);
                    }
                    break;
                case '\\':
                    if (i + 1 < commandLine.Length) word.Append(commandLine[++i]);
                    inWord = true;
                    break;
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        if (inWord) words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }
                    else
                    {
                        word.Append(c);
                        inWord = true;
                    }
                    break;
            }
        }
        if (inWord) words.Add(word.ToString());
        if (words.Count == 0) throw UserInputException.ForSetting(setting, "is empty: give the program to run, e.g. \"python3 train.py\".");
        return words;
    }

    private static UserInputException Unclosed(string setting, string text, string quote) =>
        UserInputException.ForSetting(setting, $"'{text}' has an unclosed {quote}: close the quote (the command is split into words like a shell would, without running a shell).");
}
