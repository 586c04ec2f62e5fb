using System.Runtime.InteropServices;

namespace TrunkExporter.Files;

/// <summary>
/// Tells a regular file from a FIFO, a device or a socket before it is opened: opening a FIFO blocks
/// until a writer appears, and /dev/zero never ends. .NET has no managed way to ask, so on Linux this
/// calls statx(2), whose layout is the same on every architecture.
/// </summary>
internal static class RegularFile
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    /// <summary>
    /// What the path is when it is not a regular file ("a named pipe (FIFO)"), or null for a regular
    /// file, a path that does not exist (opening it reports that) and platforms where this cannot be asked.
    /// </summary>
    public static string? Kind(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux())
        {
            return Directory.Exists(path) ? "a directory" : null;
        }

        var buffer = new byte[256];
        if (Native.Statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0)
        {
            return null;
        }

        return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
        {
            0x8000 => null,
            0x4000 => "a directory",
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "a special file",
        };
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "statx", SetLastError = true, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
    }
}
