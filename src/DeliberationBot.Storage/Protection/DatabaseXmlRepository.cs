using System.Xml.Linq;
using DeliberationBot.Storage.Rows;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace DeliberationBot.Storage.Protection;

/// <summary>
/// Keeps ASP.NET Data Protection keys in the database, so every instance can read what another protected
/// (stored bot tokens, signed export links). The key ring itself is encrypted at rest where the host configures it.
/// </summary>
internal sealed class DatabaseXmlRepository(DbFactory db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var ctx = db.Create();
        return [.. ctx.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        db.Write(ctx =>
        {
            ctx.DataProtectionKeys.Add(new DataProtectionKeyRow { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
            ctx.SaveChanges();
        });
    }
}
