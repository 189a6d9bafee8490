using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TallyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_participants_WorkspaceId_DeliberationId",
                table: "participants");

            migrationBuilder.DropIndex(
                name: "IX_answers_WorkspaceId_DeliberationId",
                table: "answers");

            migrationBuilder.CreateIndex(
                name: "IX_participants_WorkspaceId_DeliberationId_Group_FinishedAt_Vi~",
                table: "participants",
                columns: new[] { "WorkspaceId", "DeliberationId", "Group", "FinishedAt", "ViaPublicPage" });

            migrationBuilder.CreateIndex(
                name: "IX_answers_flagged",
                table: "answers",
                columns: new[] { "WorkspaceId", "DeliberationId" },
                filter: "\"FlaggedConcern\"");

            migrationBuilder.CreateIndex(
                name: "IX_answers_WorkspaceId_DeliberationId_QuestionId_Group_Skipped",
                table: "answers",
                columns: new[] { "WorkspaceId", "DeliberationId", "QuestionId", "Group", "Skipped" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_participants_WorkspaceId_DeliberationId_Group_FinishedAt_Vi~",
                table: "participants");

            migrationBuilder.DropIndex(
                name: "IX_answers_flagged",
                table: "answers");

            migrationBuilder.DropIndex(
                name: "IX_answers_WorkspaceId_DeliberationId_QuestionId_Group_Skipped",
                table: "answers");

            migrationBuilder.CreateIndex(
                name: "IX_participants_WorkspaceId_DeliberationId",
                table: "participants",
                columns: new[] { "WorkspaceId", "DeliberationId" });

            migrationBuilder.CreateIndex(
                name: "IX_answers_WorkspaceId_DeliberationId",
                table: "answers",
                columns: new[] { "WorkspaceId", "DeliberationId" });
        }
    }
}
