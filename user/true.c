/* true: do nothing, successfully. The smallest program there is. */
int main(void)
{
    return 0;
}
