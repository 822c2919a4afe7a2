using System.Globalization;
using LayerNas.SearchSpaces;

namespace LayerNas.Benchmarks.Nats;

/// <summary>
/// The NATS-Bench size search space (Dong et al., TPAMI 2021): the output channels of the 5 stages of a fixed
/// cell network, each one of 8, 16, ..., 64, so 8^5 = 32,768 networks. Option i of a layer is 8·(i+1)
/// channels. The official arch string joins the channels with ':' (e.g. <c>8:16:32:64:64</c>) and the
/// official index is the mixed-radix number of the options with the last stage fastest — the same order
/// as <see cref="ArchitectureIndexer"/>, so <see cref="OfficialIndex"/> equals the indexer's index.
/// Immutable and thread-safe.
/// </summary>
public static class NatsSizeSpace
{
    public const int LayerCount = 5;

    public const int ArchitectureCount = 32_768;

    /// <summary>Channel counts a stage may take, in option order.</summary>
    public static IReadOnlyList<int> ChannelChoices { get; } = [8, 16, 24, 32, 40, 48, 56, 64];

    /// <summary>The space; layer i is the output channel count of stage i+1 (stem and first cell share stage 1).</summary>
    public static SearchSpace Space { get; } = new("nats-sss",
        Enumerable.Range(1, LayerCount)
            .Select(i => new Layer($"channels{i}", ChannelChoices.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray()))
            .ToArray());

    private static readonly ArchitectureIndexer Indexer = new(Space);

    /// <summary>Channel counts of the 5 stages.</summary>
    public static int[] Channels(Architecture arch)
    {
        Space.Validate(arch);
        var channels = new int[LayerCount];
        for (int i = 0; i < LayerCount; i++) channels[i] = ChannelChoices[arch[i]];
        return channels;
    }

    /// <summary>The official arch string, e.g. <c>8:8:40:32:40</c>.</summary>
    public static string ToArchString(Architecture arch) => string.Join(':', Channels(arch));

    /// <summary>Parses an official arch string (5 channel counts from <see cref="ChannelChoices"/>, ':' separated).</summary>
    public static Architecture ParseArchString(string text)
    {
        if (!TryParseArchString(text, out var arch))
            throw new UserInputException(
                $"'{text}' is not a NATS size-space architecture: write 5 channel counts from {{{string.Join(",", ChannelChoices)}}} separated by ':' (e.g. 8:16:32:64:64).");
        return arch;
    }

    public static bool TryParseArchString(string? text, out Architecture arch)
    {
        arch = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split(':');
        if (parts.Length != LayerCount) return false;
        var options = new int[LayerCount];
        for (int i = 0; i < LayerCount; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var channels)) return false;
            options[i] = IndexOfChannels(channels);
            if (options[i] < 0) return false;
        }
        arch = new Architecture(options);
        return true;
    }

    /// <summary>The index of <paramref name="arch"/> in the official benchmark (0..32,767).</summary>
    public static int OfficialIndex(Architecture arch)
    {
        Space.Validate(arch);
        return (int)Indexer.IndexOf(arch);
    }

    /// <summary>The architecture at an official index.</summary>
    public static Architecture FromOfficialIndex(int index)
    {
        if (index is < 0 or >= ArchitectureCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"NATS size-space indices are 0..{ArchitectureCount - 1}.");
        return Indexer.At(index);
    }

    private static int IndexOfChannels(int channels)
    {
        for (int i = 0; i < ChannelChoices.Count; i++)
            if (ChannelChoices[i] == channels) return i;
        return -1;
    }
}
