using TorchSharp;

namespace LayerNas.Training.Tests;

public class TorchLoadingTests
{
    [Fact]
    public void Tensor_AddOnCpu_LoadsNativeLibraryAndComputes()
    {
        using var a = torch.tensor(new float[] { 1, 2, 3 });
        using var b = a + a;
        Assert.Equal(new float[] { 2, 4, 6 }, b.data<float>().ToArray());
    }
}
