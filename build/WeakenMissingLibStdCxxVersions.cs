#nullable enable
// MSBuild inline task (compiled by RoslynCodeTaskFactory from build/LibStdCxxCompat.targets).
//
// Why: TorchSharp 0.107's libLibTorchSharp.so was linked against GCC 13's libstdc++ and so records a
// requirement on the symbol version GLIBCXX_3.4.32, only for `std::ios_base_library_init()`. GCC 13's
// <iostream> emits that symbol as a bare `.globl` reference to pull libstdc++'s stream initialisation in; no
// relocation ever binds it. Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the dynamic loader refuses the
// library ("version `GLIBCXX_3.4.32' not found") although nothing would call the symbol.
//
// Fix: for each native library about to be copied to an output folder, find the libstdc++ symbol versions it
// requires that the system libstdc++ does not define. When no relocation uses a symbol of such a version, write
// a copy of the library whose requirement on that version is marked VER_FLG_WEAK (ELF: a missing weak version
// is not an error for ld.so) and copy that instead. Where the system library is new enough, or the host is
// not Linux, the items pass through untouched. A relocated symbol of a missing version cannot be fixed by this,
// so the task then leaves the file alone and warns.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenMissingLibStdCxxVersions : Task
{
    const uint ShtRela = 4, ShtRel = 9, ShtDynsym = 11, ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    const ushort VerFlgWeak = 2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string IntermediateDirectory { get; set; } = "";
    /// <summary>Optional override of the system libstdc++ path (tests, cross builds).</summary>
    public string SystemLibrary { get; set; } = "";
    [Output] public ITaskItem[] Result { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        Result = Files;
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;
        var candidates = Files.Where(f => f.ItemSpec.EndsWith(".so", StringComparison.Ordinal) && File.Exists(f.ItemSpec)).ToList();
        if (candidates.Count == 0) return true;
        string? system = FindSystemLibStdCxx();
        if (system == null)
        {
            Log.LogMessage(MessageImportance.Normal, "libstdc++ compat: no system libstdc++.so.6 found; nothing to check.");
            return true;
        }
        HashSet<string> provided;
        try { provided = DefinedVersions(File.ReadAllBytes(system)); }
        catch (Exception ex) { Log.LogMessage(MessageImportance.Normal, $"libstdc++ compat: cannot read {system}: {ex.Message}"); return true; }

        var result = new List<ITaskItem>(Files.Length);
        foreach (var item in Files)
        {
            result.Add(candidates.Contains(item) ? PatchIfNeeded(item, provided) : item);
        }
        Result = result.ToArray();
        return !Log.HasLoggedErrors;
    }

    ITaskItem PatchIfNeeded(ITaskItem item, HashSet<string> provided)
    {
        byte[] image = File.ReadAllBytes(item.ItemSpec);
        Elf elf;
        try { elf = new Elf(image); } catch (Exception) { return item; }
        var missing = elf.LibStdCxxRequirements().Where(r => !r.Weak && !provided.Contains(r.Name)).ToList();
        if (missing.Count == 0) return item;
        var relocated = elf.RelocatedVersionIndices();
        var blocking = missing.Where(m => relocated.Contains(m.Index)).Select(m => m.Name).ToList();
        if (blocking.Count > 0)
        {
            Log.LogWarning($"libstdc++ compat: {Path.GetFileName(item.ItemSpec)} binds symbols of {string.Join(", ", blocking)}, which the system libstdc++ lacks; it will not load here.");
            return item;
        }
        foreach (var m in missing) elf.SetFlags(m.FlagsOffset, (ushort)(m.Flags | VerFlgWeak));
        string dir = Path.Combine(IntermediateDirectory, "libstdcxx-compat");
        Directory.CreateDirectory(dir);
        string target = Path.Combine(dir, Path.GetFileName(item.ItemSpec));
        if (!File.Exists(target) || !File.ReadAllBytes(target).SequenceEqual(image))
        {
            // Write a new file (never in place): the source may be hard-linked into the NuGet cache.
            string tmp = target + ".tmp";
            File.WriteAllBytes(tmp, image);
            if (File.Exists(target)) File.Delete(target);
            File.Move(tmp, target);
        }
        Log.LogMessage(MessageImportance.High,
            $"libstdc++ compat: {Path.GetFileName(item.ItemSpec)} requires {string.Join(", ", missing.Select(m => m.Name))} (only `.globl` references); the system libstdc++ lacks it, so a copy with that requirement made weak is used.");
        var patched = new TaskItem(target);
        item.CopyMetadataTo(patched);
        return patched;
    }

    static string? FindSystemLibStdCxx()
    {
        string[] dirs =
        {
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/lib",
        };
        return dirs.Select(d => Path.Combine(d, "libstdc++.so.6")).FirstOrDefault(File.Exists);
    }

    static HashSet<string> DefinedVersions(byte[] image)
    {
        var elf = new Elf(image);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in elf.Sections.Where(s => s.Type == ShtGnuVerdef))
        {
            var strtab = elf.Sections[(int)s.Link];
            long off = (long)s.Offset;
            for (int n = 0; n < (int)s.Info; n++)
            {
                ushort cnt = elf.U16(off + 6);
                uint aux = elf.U32(off + 12), next = elf.U32(off + 16);
                long a = off + aux;
                for (int k = 0; k < cnt; k++)
                {
                    names.Add(elf.Str(strtab, elf.U32(a)));
                    uint anext = elf.U32(a + 4);
                    if (anext == 0) break;
                    a += anext;
                }
                if (next == 0) break;
                off += next;
            }
        }
        return names;
    }

    // Plain classes, not records: the inline task is compiled against netstandard, which lacks IsExternalInit.
    sealed class Section
    {
        public Section(uint type, ulong offset, ulong size, uint link, uint info, ulong entSize)
        { Type = type; Offset = offset; Size = size; Link = link; Info = info; EntSize = entSize; }
        public uint Type { get; }
        public ulong Offset { get; }
        public ulong Size { get; }
        public uint Link { get; }
        public uint Info { get; }
        public ulong EntSize { get; }
    }

    sealed class Requirement
    {
        public Requirement(string name, ushort index, ushort flags, long flagsOffset)
        { Name = name; Index = index; Flags = flags; FlagsOffset = flagsOffset; }
        public string Name { get; }
        public ushort Index { get; }
        public ushort Flags { get; }
        public long FlagsOffset { get; }
        public bool Weak => (Flags & VerFlgWeak) != 0;
    }

    /// <summary>Just enough of a little-endian ELF64 reader for version tables.</summary>
    sealed class Elf
    {
        readonly byte[] _b;
        public readonly List<Section> Sections = new();

        public Elf(byte[] image)
        {
            _b = image;
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F' || image[4] != 2 || image[5] != 1)
                throw new InvalidDataException("not a little-endian ELF64 file");
            ulong shoff = U64(0x28);
            ushort shentsize = U16(0x3a), shnum = U16(0x3c);
            for (int i = 0; i < shnum; i++)
            {
                long h = (long)shoff + i * shentsize;
                Sections.Add(new Section(U32(h + 4), U64(h + 0x18), U64(h + 0x20), U32(h + 0x28), U32(h + 0x2c), U64(h + 0x38)));
            }
        }

        public ushort U16(long o) => BitConverter.ToUInt16(_b, (int)o);
        public uint U32(long o) => BitConverter.ToUInt32(_b, (int)o);
        public ulong U64(long o) => BitConverter.ToUInt64(_b, (int)o);
        public void SetFlags(long o, ushort v) => BitConverter.GetBytes(v).CopyTo(_b, (int)o);

        public string Str(Section strtab, uint index)
        {
            int start = (int)strtab.Offset + (int)index, end = start;
            while (_b[end] != 0) end++;
            return Encoding.ASCII.GetString(_b, start, end - start);
        }

        public IEnumerable<Requirement> LibStdCxxRequirements()
        {
            foreach (var s in Sections.Where(s => s.Type == ShtGnuVerneed))
            {
                var strtab = Sections[(int)s.Link];
                long off = (long)s.Offset;
                for (int n = 0; n < (int)s.Info; n++)
                {
                    ushort cnt = U16(off + 2);
                    string file = Str(strtab, U32(off + 4));
                    uint aux = U32(off + 8), next = U32(off + 12);
                    long a = off + aux;
                    for (int k = 0; k < cnt; k++)
                    {
                        if (file == "libstdc++.so.6")
                            yield return new Requirement(Str(strtab, U32(a + 8)), U16(a + 6), U16(a + 4), a + 4);
                        uint anext = U32(a + 12);
                        if (anext == 0) break;
                        a += anext;
                    }
                    if (next == 0) break;
                    off += next;
                }
            }
        }

        /// <summary>Version indices of every dynamic symbol that some relocation binds.</summary>
        public HashSet<ushort> RelocatedVersionIndices()
        {
            var result = new HashSet<ushort>();
            int dynsym = Sections.FindIndex(s => s.Type == ShtDynsym);
            var versym = Sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
            if (dynsym < 0 || versym == null) return result;
            foreach (var s in Sections.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.Link == dynsym))
            {
                ulong ent = s.EntSize != 0 ? s.EntSize : (s.Type == ShtRela ? 24UL : 16UL);
                for (ulong o = 0; o + ent <= s.Size; o += ent)
                {
                    ulong info = U64((long)(s.Offset + o + 8));
                    uint sym = (uint)(info >> 32);
                    if (sym == 0) continue;
                    result.Add((ushort)(U16((long)versym.Offset + 2L * sym) & 0x7fff));
                }
            }
            return result;
        }
    }
}
