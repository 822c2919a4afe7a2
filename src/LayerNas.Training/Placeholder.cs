namespace LayerNas.Training; internal static class Placeholder { }
