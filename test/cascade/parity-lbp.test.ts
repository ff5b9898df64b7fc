// Fixture: ../shared/fixtures/opencv-cascade (OpenCV 4.6 detectMultiScale on 15 grey images).
import { describeCascadeParity } from './fixtures.js';

describeCascadeParity('lbp', 'lbpcascade_frontalface_improved.xml', () => true, 30);
