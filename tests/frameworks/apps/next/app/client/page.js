import Label from "./label";

export default function Page() {
  return <Label />;
}
