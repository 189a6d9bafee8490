using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Postgres
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
            migrationBuilder.Sql("UPDATE channel_state SET \"Json\" = (\"Json\"::jsonb #- '{user,name}')::text WHERE \"Channel\" = 'teams' AND \"Kind\" = 'user'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
