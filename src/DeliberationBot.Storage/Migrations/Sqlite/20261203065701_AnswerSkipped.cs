using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeliberationBot.Storage.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Answers stored before the column: their skip is only in the value's JSON.
            migrationBuilder.Sql("UPDATE answers SET Skipped = 1 WHERE json_extract(ValueJson, '$.skipped') = 1;");
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
