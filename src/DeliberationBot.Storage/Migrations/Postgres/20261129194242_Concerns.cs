using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Concerns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DecisionJson",
                table: "deliberations",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "concerns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<string>(type: "text", nullable: false),
                    DeliberationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Origin = table.Column<string>(type: "text", nullable: false),
                    SectionId = table.Column<string>(type: "text", nullable: true),
                    QuestionId = table.Column<string>(type: "text", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: false),
                    GroupsJson = table.Column<string>(type: "text", nullable: false),
                    RaisersJson = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Response = table.Column<string>(type: "text", nullable: true),
                    OwnerJson = table.Column<string>(type: "text", nullable: true),
                    Due = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptedByJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_concerns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_concerns_DeliberationId_Number",
                table: "concerns",
                columns: new[] { "DeliberationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_concerns_WorkspaceId_DeliberationId",
                table: "concerns",
                columns: new[] { "WorkspaceId", "DeliberationId" });

            migrationBuilder.CreateIndex(
                name: "IX_concerns_WorkspaceId_Status",
                table: "concerns",
                columns: new[] { "WorkspaceId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "concerns");

            migrationBuilder.DropColumn(
                name: "DecisionJson",
                table: "deliberations");
        }
    }
}
