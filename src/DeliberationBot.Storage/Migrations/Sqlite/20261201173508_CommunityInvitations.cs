using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommunityInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ViaPublicPage",
                table: "participants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "community_contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<string>(type: "TEXT", nullable: false),
                    DeliberationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    Language = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_community_contacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "community_invitations",
                columns: table => new
                {
                    DeliberationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<string>(type: "TEXT", nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MaxPeople = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_community_invitations", x => x.DeliberationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_community_contacts_WorkspaceId_DeliberationId",
                table: "community_contacts",
                columns: new[] { "WorkspaceId", "DeliberationId" });

            migrationBuilder.CreateIndex(
                name: "IX_community_invitations_Token",
                table: "community_invitations",
                column: "Token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "community_contacts");

            migrationBuilder.DropTable(
                name: "community_invitations");

            migrationBuilder.DropColumn(
                name: "ViaPublicPage",
                table: "participants");
        }
    }
}
