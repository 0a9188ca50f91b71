import unittest

from mech_exo_service.sizing import blend, position_size, rejection_rate, should_alert


class SizingTest(unittest.TestCase):
    def test_position_size(self):
        self.assertEqual(position_size(100_000, 0.02, 50), 40)
        self.assertEqual(position_size(0, 0.02, 50), 0)
        with self.assertRaises(ValueError):
            position_size(100_000, 0.5, 50)

    def test_blend(self):
        self.assertAlmostEqual(blend(1.0, 0.0), 0.85)

    def test_alert(self):
        self.assertTrue(should_alert(2.5))
        self.assertFalse(should_alert(1.0))


if __name__ == "__main__":
    unittest.main()
