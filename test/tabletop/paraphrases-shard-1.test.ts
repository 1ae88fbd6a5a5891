// Shard 1 of the paraphrase table in simulation (paraphrase-shard.ts, test/tabletop/README.md).
import { paraphraseShard } from './paraphrase-shard.ts';

paraphraseShard(1);
