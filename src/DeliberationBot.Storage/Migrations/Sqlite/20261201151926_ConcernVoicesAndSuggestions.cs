using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConcernVoicesAndSuggestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MergedInto",
                table: "concerns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OwnersHeardAt",
                table: "concerns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoicesJson",
                table: "concerns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]"); // concerns stored before voices were kept have none

            migrationBuilder.CreateTable(
                name: "suggestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<string>(type: "TEXT", nullable: false),
                    DeliberationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    SectionId = table.Column<string>(type: "TEXT", nullable: true),
                    QuestionId = table.Column<string>(type: "TEXT", nullable: true),
                    CitesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    ConcernNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suggestions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_DeliberationId_Number",
                table: "suggestions",
                columns: new[] { "DeliberationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_WorkspaceId_DeliberationId",
                table: "suggestions",
                columns: new[] { "WorkspaceId", "DeliberationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "suggestions");

            migrationBuilder.DropColumn(
                name: "MergedInto",
                table: "concerns");

            migrationBuilder.DropColumn(
                name: "OwnersHeardAt",
                table: "concerns");

            migrationBuilder.DropColumn(
                name: "VoicesJson",
                table: "concerns");
        }
    }
}
