using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxGatherKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GatherKey",
                table: "outbox",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_WorkspaceId_GatherKey_Status_CreatedAt",
                table: "outbox",
                columns: new[] { "WorkspaceId", "GatherKey", "Status", "CreatedAt" },
                filter: "\"GatherKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_WorkspaceId_GatherKey_Status_CreatedAt",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "GatherKey",
                table: "outbox");
        }
    }
}
