using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxSlotPendingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_WorkspaceId_SlotKey",
                table: "outbox");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_WorkspaceId_SlotKey_Status",
                table: "outbox",
                columns: new[] { "WorkspaceId", "SlotKey", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_WorkspaceId_SlotKey_Status",
                table: "outbox");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_WorkspaceId_SlotKey",
                table: "outbox",
                columns: new[] { "WorkspaceId", "SlotKey" });
        }
    }
}
