// Shard 3 of the paraphrase table in simulation (paraphrase-shard.ts, test/tabletop/README.md).
import { paraphraseShard } from './paraphrase-shard.ts';

paraphraseShard(3);
