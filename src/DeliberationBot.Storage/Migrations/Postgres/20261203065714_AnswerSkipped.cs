using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AnswerSkipped : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Skipped",
                table: "answers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Answers stored before the column: their skip is only in the value's JSON.
            migrationBuilder.Sql("UPDATE answers SET \"Skipped\" = TRUE WHERE (\"ValueJson\"::jsonb ->> 'skipped') = 'true';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Skipped",
                table: "answers");
        }
    }
}
