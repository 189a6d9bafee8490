using QRCoder;

namespace DeliberationBot.Host.Community;

/// <summary>A printable QR code of a public link: black on white, medium error correction, a quiet zone, big enough for a poster.</summary>
internal static class QrCodes
{
    public static byte[] Png(Uri link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link.AbsoluteUri, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule: 16);
    }
}
