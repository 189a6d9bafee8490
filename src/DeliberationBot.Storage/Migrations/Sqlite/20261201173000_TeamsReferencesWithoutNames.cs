using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Sqlite
{
    /// <summary>
    /// Teams user references no longer keep a display name (only what reaches the person); this removes the names
    /// stored before, so a dump no longer puts a name beside an id. There is nothing to restore on the way down.
    /// </summary>
    public partial class TeamsReferencesWithoutNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE channel_state SET Json = json_remove(Json, '$.user.name') WHERE Channel = 'teams' AND Kind = 'user' AND json_valid(Json)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
