"""The offline export (`make export`, `make slides`): kernel probe, static renderer and slide builder."""
