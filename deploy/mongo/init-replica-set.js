// Initiates the replica set rs0 of docker-compose.yml once; on an initiated set it only waits for a primary.
// Run by the mongo-init service: mongosh --host mongo1:27017 /init/init-replica-set.js
const config = {
  _id: "rs0",
  members: [
    // mongo1 is preferred as primary, so that mongodb://localhost:27017/?directConnection=true reaches the primary.
    { _id: 0, host: "mongo1:27017", priority: 2 },
    { _id: 1, host: "mongo2:27018", priority: 1 },
    { _id: 2, host: "mongo3:27019", priority: 1 },
  ],
};

try {
  rs.status();
  print("rs0 is already initiated");
} catch (e) {
  if (e.codeName !== "NotYetInitialized") throw e;
  printjson(rs.initiate(config));
}

for (let waited = 0; ; waited++) {
  const members = rs.status().members || [];
  if (members.some((m) => m.stateStr === "PRIMARY")) break;
  if (waited >= 120) throw new Error("rs0 elected no primary within 120 s");
  sleep(1000);
}
print("rs0 has a primary: " + rs.status().members.filter((m) => m.stateStr === "PRIMARY").map((m) => m.name).join(", "));
