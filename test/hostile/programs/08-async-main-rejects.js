// attacks: The program's last statement is an async main() whose promise rejects after an await
// must: Error with the rejection's message recorded
async function main() {
  pick('red_block');
  await null;
  throw new Error('late failure after await');
}
main();
