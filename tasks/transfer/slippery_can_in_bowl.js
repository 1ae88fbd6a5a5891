// The can slides out of a top grasp (its real friction is far lower than stated); a side
// grasp around its middle holds it (tried again if the closing fingers squeeze it aside),
// and place() stands it on the bowl's floor.
subgoal('grasp the red can from the side', { expect: { all: [{ grasped: 'red_can' }, { upright: 'red_can' }] } });
for (let i = 0; i < 3 && !isGrasped('red_can'); i++) {
  try {
    pick('red_can', { approach: 'side' });
  } catch (e) {
    if (e.name !== 'GraspError') throw e;
  }
}

subgoal('stand it in the white bowl', { expect: { all: [{ inside: ['red_can', 'white_bowl'] }, { upright: 'red_can' }] } });
place('white_bowl');
