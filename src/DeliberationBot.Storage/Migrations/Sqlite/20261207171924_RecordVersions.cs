using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "deliberations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "concerns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Rows already there were written once: a record that was never written (version 0) cannot replace one.
            migrationBuilder.Sql("UPDATE deliberations SET \"Version\" = 1");
            migrationBuilder.Sql("UPDATE concerns SET \"Version\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "deliberations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "concerns");
        }
    }
}
