using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConcernOwnersAnswer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OwnersAnswer",
                table: "concerns",
                type: "text",
                nullable: true);

            // A concern waiting on its raisers says what the owners answered; one settled before this was kept reads
            // "resolved", as it did.
            migrationBuilder.Sql("""UPDATE concerns SET "OwnersAnswer" = "Status" WHERE "Status" IN ('Addressed', 'WontAddress')""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OwnersAnswer",
                table: "concerns");
        }
    }
}
