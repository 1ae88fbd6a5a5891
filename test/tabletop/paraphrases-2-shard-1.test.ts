// Shard 1 of the second, held-out paraphrase table in simulation (paraphrase-2-shard.ts, test/tabletop/README.md).
import { paraphraseShard2 } from './paraphrase-2-shard.ts';

paraphraseShard2(1);
