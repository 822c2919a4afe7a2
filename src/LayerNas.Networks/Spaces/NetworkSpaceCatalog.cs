using System.Collections.Concurrent;
using System.Globalization;
using LayerNas.Networks.Specs;

namespace LayerNas.Networks.Spaces;

/// <summary>
/// The built-in MobileNet search spaces (docs/spaces.md). Each is layerwise over its torchvision backbone's blocks:
/// per block, kernel × expansion × output filters (× squeeze-and-excite for V3), and "drop" for the repeated blocks
/// of a stage; the backbone is one point of the space. <c>NAME</c> is at 224×224×3 with 1000 classes;
/// <c>NAME-32</c> at 32×32×3 and <c>NAME-28</c> at 28×28×1, both with 10 classes and a stride-1 stem, for real
/// training on small data sets. Thread-safe; compiled spaces are cached.
/// </summary>
public static class NetworkSpaceCatalog
{
    private static readonly ConcurrentDictionary<string, Lazy<NetworkSearchSpace>> Cache = new(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] Families = ["mobilenet-v2", "mobilenet-v2-1.4", "mobilenet-v3-small", "mobilenet-v3-large"];

    /// <summary>Kernel choices of every searchable block.</summary>
    public static IReadOnlyList<int> Kernels { get; } = [3, 5, 7];

    /// <summary>MobileNetV2 expansion-ratio choices (blocks whose backbone ratio is not 1).</summary>
    public static IReadOnlyList<double> V2Expansions { get; } = [3, 6];

    /// <summary>MobileNetV3 expanded-channel choices, as multiples of the backbone's (rounded to multiples of 8).</summary>
    public static IReadOnlyList<double> V3ExpansionScales { get; } = [0.5, 1.0, 1.5];

    /// <summary>Output-filter choices, as multiples of the backbone's (rounded to multiples of 8).</summary>
    public static IReadOnlyList<double> FilterScales { get; } = [0.75, 1.0, 1.25];

    /// <summary>Every built-in name: the four families, then their -32 and -28 variants.</summary>
    public static IReadOnlyList<string> Names { get; } =
        Families.Concat(Families.Select(f => f + "-32")).Concat(Families.Select(f => f + "-28")).ToArray();

    public static bool Contains(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The compiled built-in space <paramref name="name"/>; throws a <see cref="UserInputException"/> for unknown names.</summary>
    public static NetworkSearchSpace Get(string name)
    {
        if (!Contains(name))
            throw new UserInputException($"Unknown search space '{name}': use one of {string.Join(", ", Names)} (or a .yaml/.json space file).");
        return Cache.GetOrAdd(name, n => new Lazy<NetworkSearchSpace>(() => NetworkSearchSpace.Create(Definition(n), n))).Value;
    }

    /// <summary>A built-in space by name, or a space file (YAML or JSON) by path.</summary>
    public static NetworkSearchSpace Resolve(string nameOrFile)
    {
        if (Contains(nameOrFile)) return Get(nameOrFile);
        if (File.Exists(nameOrFile)) return NetworkSpaceLoader.LoadFile(nameOrFile);
        throw new UserInputException(
            $"'{nameOrFile}' is neither a built-in search space nor a file: use one of {string.Join(", ", Names)}, or the path of a .yaml/.json space file.");
    }

    /// <summary>The definition of a built-in space (for export, or as a template for a custom one).</summary>
    public static NetworkSpaceDefinition Definition(string name)
    {
        string n = name.ToLowerInvariant();
        (int resolution, int channels, int classes, int stemStride, string family) = n switch
        {
            _ when n.EndsWith("-32") => (32, 3, 10, 1, n[..^3]),
            _ when n.EndsWith("-28") => (28, 1, 10, 1, n[..^3]),
            _ => (224, 3, 1000, 2, n),
        };
        var input = new InputSpec(resolution, channels);
        var definition = family switch
        {
            "mobilenet-v2" => V2(1.0, input, classes, stemStride),
            "mobilenet-v2-1.4" => V2(1.4, input, classes, stemStride),
            "mobilenet-v3-small" => V3(MobileNets.V3SmallSettings, 1024, input, classes, stemStride),
            "mobilenet-v3-large" => V3(MobileNets.V3LargeSettings, 1280, input, classes, stemStride),
            _ => throw new UserInputException($"Unknown search space '{name}': use one of {string.Join(", ", Names)}."),
        };
        string size = resolution == 224 ? "224×224×3, 1000 classes" : $"{resolution}×{resolution}×{channels}, {classes} classes, stride-1 stem";
        return definition with { Name = n, Description = $"{family} backbone (torchvision), {size}" };
    }

    private static List<int> Scaled(int value, IEnumerable<double> scales) =>
        scales.Select(s => s == 1.0 ? value : Channels.MakeDivisible(value * s)).Distinct().Order().ToList();

    private static NetworkSpaceDefinition V2(double width, InputSpec input, int classes, int stemStride)
    {
        int last = Channels.MakeDivisible(1280 * Math.Max(1.0, width));
        var blocks = new List<BlockTemplate>();
        foreach (var (t, c, n, s) in MobileNets.V2Settings)
        {
            int output = Channels.MakeDivisible(c * width);
            for (int i = 0; i < n; i++)
            {
                blocks.Add(new BlockTemplate
                {
                    Type = BlockType.InvertedResidual, Out = output, Kernel = 3, Stride = i == 0 ? s : 1, Activation = Activation.Relu6,
                    Expansion = t,
                    Search = new BlockChoices
                    {
                        Kernel = Kernels, Expansion = t == 1 ? [1.0] : V2Expansions, Out = Scaled(output, FilterScales),
                        Droppable = i > 0,
                    },
                });
            }
        }
        return new NetworkSpaceDefinition
        {
            Name = width == 1.0 ? "mobilenet-v2" : $"mobilenet-v2-{width.ToString("0.###", CultureInfo.InvariantCulture)}",
            Input = input,
            BatchNorm = new BatchNormSpec(1e-5, 0.1),
            Stem = new BlockTemplate { Type = BlockType.Conv, Out = Channels.MakeDivisible(32 * width), Kernel = 3, Stride = stemStride, Activation = Activation.Relu6 },
            Blocks = blocks,
            Head = [new BlockTemplate { Type = BlockType.Conv, Out = last, Kernel = 1, Activation = Activation.Relu6 }],
            Classifier = [new ClassifierTemplate { Type = "dropout", Rate = 0.2 }, new ClassifierTemplate { Type = "linear", Out = classes }],
        };
    }

    private static NetworkSpaceDefinition V3((int In, int K, int Exp, int Out, bool Se, bool Hs, int S)[] settings, int lastChannel,
        InputSpec input, int classes, int stemStride)
    {
        var blocks = new List<BlockTemplate>();
        for (int i = 0; i < settings.Length; i++)
        {
            var b = settings[i];
            blocks.Add(new BlockTemplate
            {
                Type = BlockType.InvertedResidual, Out = b.Out, Kernel = b.K, Stride = b.S,
                Activation = b.Hs ? Activation.Hswish : Activation.Relu, ExpandedChannels = b.Exp, Se = b.Se,
                Search = new BlockChoices
                {
                    Kernel = Kernels,
                    ExpandedChannels = b.Exp == b.In ? null : Scaled(b.Exp, V3ExpansionScales),
                    Out = Scaled(b.Out, FilterScales),
                    Se = [false, true],
                    Droppable = i > 0 && b.S == 1 && b.In == b.Out,
                },
            });
        }
        int lastConv = 6 * settings[^1].Out;
        return new NetworkSpaceDefinition
        {
            Name = "mobilenet-v3",
            Input = input,
            BatchNorm = new BatchNormSpec(0.001, 0.01),
            Stem = new BlockTemplate { Type = BlockType.Conv, Out = settings[0].In, Kernel = 3, Stride = stemStride, Activation = Activation.Hswish },
            Blocks = blocks,
            Head = [new BlockTemplate { Type = BlockType.Conv, Out = lastConv, Kernel = 1, Activation = Activation.Hswish }],
            Classifier =
            [
                new ClassifierTemplate { Type = "linear", Out = lastChannel, Activation = Activation.Hswish },
                new ClassifierTemplate { Type = "dropout", Rate = 0.2 },
                new ClassifierTemplate { Type = "linear", Out = classes },
            ],
        };
    }
}
