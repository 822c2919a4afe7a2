using LayerNas.Networks.Spaces;

namespace LayerNas.Networks.Tests;

public class NetworkSpaceLoaderTests
{
    private static string Example(string file)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LayerNas.slnx"))) dir = Path.GetDirectoryName(dir);
        return Path.Combine(dir!, "examples", file);
    }

    [Fact]
    public void LoadFile_YamlAndJsonExamples_GiveTheSameSpace()
    {
        var yaml = NetworkSpaceLoader.LoadFile(Example("tiny-space.yaml"));
        var json = NetworkSpaceLoader.LoadFile(Example("tiny-space.json"));

        Assert.Equal(yaml.Space.Layers.Select(l => l.ToString()), json.Space.Layers.Select(l => l.ToString()));
        Assert.Equal(yaml.Build(yaml.Backbone).ToJson(), json.Build(json.Backbone).ToJson());
        Assert.True(yaml.Space.LayerCount >= 3);
    }

    [Fact]
    public void Load_BadSpec_ReportsEveryProblemWithItsLocation()
    {
        const string yaml = """
            name: broken
            input: {resolution: 32, channels: 0}
            stem: {out: 16, kernel: 3, stride: 2, activation: gelu}
            blocks:
              - {out: 16, expansion: 1, stride: 0, search: {kernel: []}}
              - {out: -8, expansion: 6, search: {kernel: [3, 4]}}
              - {out: 24, expansion: 6, stride: 2, search: {out: [16, 32], droppable: true}}
              - {out: 24, expansion: 6, strid: 1}
            classifier:
              - {type: linear, out: 10}
            """;

        var ex = Assert.Throws<UserInputException>(() => NetworkSpaceLoader.Load(yaml, "space.yaml"));

        Assert.Contains("space.yaml: input.channels: must be >= 1 (is 0)", ex.Message);
        Assert.Contains("space.yaml: stem.activation: unknown activation 'gelu'", ex.Message);
        Assert.Contains("space.yaml: blocks[0].stride: must be >= 1 (is 0)", ex.Message);
        Assert.Contains("space.yaml: blocks[0].search.kernel: is an empty option list", ex.Message);
        Assert.Contains("space.yaml: blocks[1].out: must be >= 1 (is -8)", ex.Message);
        Assert.Contains("space.yaml: blocks[1].search.kernel[1]: must be an odd number >= 1 (is 4)", ex.Message);
        Assert.Contains("space.yaml: blocks[2].search.out: must include the block's own value 24", ex.Message);
        Assert.Contains("space.yaml: blocks[2].search.droppable: a dropped block is the identity, so it needs stride 1 (is 2)", ex.Message);
        Assert.Contains("space.yaml: blocks[2].search.droppable: a dropped block is the identity, so its input and output channels must match", ex.Message);
        Assert.Contains("space.yaml: blocks[3].strid: unknown key", ex.Message);
        Assert.Contains("10 problems", ex.Message);
    }

    [Fact]
    public void Load_WrongTypes_ReportsEachOnceWithoutKnockOnErrors()
    {
        const string json = """
            { "name": "typed", "input": {"resolution": "big", "channels": 3},
              "stem": {"out": 8, "stride": 2},
              "blocks": [ {"out": 8.5, "expansion": 1, "search": {"se": ["yes"]}}, 7 ],
              "classifier": [ {"type": "softmax"} ] }
            """;

        var ex = Assert.Throws<UserInputException>(() => NetworkSpaceLoader.Load(json, "space.json"));

        Assert.Contains("space.json: input.resolution: must be an integer (is \"big\")", ex.Message);
        Assert.Contains("space.json: blocks[0].out: must be an integer (is 8.5)", ex.Message);
        Assert.Contains("space.json: blocks[0].search.se[0]: is not a valid option (\"yes\")", ex.Message);
        Assert.Contains("space.json: blocks[1]: must be a mapping", ex.Message);
        Assert.Contains("space.json: classifier[0].type: unknown layer type 'softmax'", ex.Message);
        Assert.DoesNotContain("input.resolution: must be >= 1", ex.Message);
    }

    [Fact]
    public void Load_SyntaxError_NamesTheLine()
    {
        var ex = Assert.Throws<UserInputException>(() => NetworkSpaceLoader.Load("name: x\nblocks: [1, 2\n", "space.yaml"));

        Assert.StartsWith("space.yaml: line ", ex.Message);
    }

    [Theory]
    [InlineData("{\"name\": \"a\", \"name\": \"b\"}", "space.json")]
    [InlineData("name: a\nname: b\n", "space.yaml")]
    public void Load_DuplicateKey_IsASyntaxErrorWithALine(string text, string source)
    {
        var ex = Assert.Throws<UserInputException>(() => NetworkSpaceLoader.Load(text, source));

        Assert.StartsWith($"{source}: line ", ex.Message);
        Assert.Contains("name", ex.Message);
    }

    [Fact]
    public void Load_AbsurdWidths_IsAUserErrorNotAnOverflow()
    {
        const string yaml = """
            name: huge
            input: {resolution: 60000, channels: 3}
            stem: {out: 2000000000}
            blocks: [{type: conv, out: 2000000000, search: {kernel: [1, 3]}}]
            classifier: [{type: linear, out: 2}]
            """;

        var ex = Assert.Throws<UserInputException>(() => NetworkSpaceLoader.Load(yaml, "huge.yaml"));

        Assert.Contains("overflow", ex.Message);
    }

    [Fact]
    public void Load_NoSearchableBlock_SaysToAddChoices()
    {
        const string yaml = """
            name: fixed
            input: {resolution: 8, channels: 1}
            stem: {out: 8}
            blocks: [{type: conv, out: 8}]
            classifier: [{type: linear, out: 2}]
            """;

        var ex = Assert.Throws<UserInputException>(() => NetworkSpaceLoader.Load(yaml, "fixed.yaml"));

        Assert.Contains("fixed.yaml: blocks: no block has search choices", ex.Message);
    }

    [Fact]
    public void Load_GroupsNotDividingAReachableWidth_IsReported()
    {
        const string yaml = """
            name: groups
            input: {resolution: 8, channels: 1}
            stem: {out: 8}
            blocks:
              - {type: conv, out: 8, search: {out: [8, 12]}}
              - {type: conv, out: 8, groups: 8}
            classifier: [{type: linear, out: 2}]
            """;

        var ex = Assert.Throws<UserInputException>(() => NetworkSpaceLoader.Load(yaml, "groups.yaml"));

        Assert.Contains("groups.yaml: blocks[1].groups: 8 must divide the input (12)", ex.Message);
    }

    [Theory]
    [MemberData(nameof(NetworkSpaceCatalogTests.Names), MemberType = typeof(NetworkSpaceCatalogTests))]
    public void Load_ExportedBuiltIn_IsTheSameSpace(string name)
    {
        var builtIn = NetworkSpaceCatalog.Get(name);

        var loaded = NetworkSpaceLoader.Load(NetworkSpaceWriter.ToJson(builtIn.Definition), $"{name}.json");

        Assert.Equal(builtIn.Space.Layers.Select(l => l.ToString()), loaded.Space.Layers.Select(l => l.ToString()));
        Assert.Equal(builtIn.Backbone, loaded.Backbone);
        Assert.Equal(builtIn.Build(builtIn.Backbone).ToJson(), loaded.Build(loaded.Backbone).ToJson());
        var random = new Random(name.Length);
        for (int i = 0; i < 20; i++)
        {
            var arch = builtIn.Space.Sample(random);
            Assert.Equal(builtIn.Costs(arch), loaded.Costs(arch));
        }
    }
}
